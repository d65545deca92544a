// Any unknown address: the friendly 404 page, for reads and for form posts alike.
import { notFound } from '~/lib/guard.server'

export async function loader() {
  throw notFound()
}

export async function action() {
  throw notFound()
}

export default function NotFound() {
  return null
}
