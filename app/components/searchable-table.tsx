// A list card's search form (GET ?q=, works without JS) and its table, or a message when it is empty.
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

export function SearchForm(props: {
  id: string
  label: string
  buttonLabel: string
  q: string
  maxWidth: string
}) {
  return (
    <Form method="get" className="row-actions" role="search">
      <label className="muted" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type="search"
        name="q"
        defaultValue={props.q}
        style={{ maxWidth: props.maxWidth }}
      />
      <button type="submit" className="secondary">
        {props.buttonLabel}
      </button>
    </Form>
  )
}

/** The table (head cells and body rows), or `emptyText` when there is no row. */
export function TableOrEmpty(props: {
  empty: boolean
  emptyText: string
  head: ReactNode
  children: ReactNode
}) {
  if (props.empty) return <p>{props.emptyText}</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>{props.head}</tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  )
}
