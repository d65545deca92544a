// A submit button that shows a pending label while its form is being submitted (JS on).
import { useNavigation } from '@remix-run/react'

export function SubmitButton(props: {
  label: string
  pendingLabel: string
  name?: string
  value?: string
  className?: string
  formAction?: string
}) {
  const navigation = useNavigation()
  const pending =
    navigation.state === 'submitting' &&
    (props.value === undefined || navigation.formData?.get(props.name ?? 'intent') === props.value)
  return (
    <button
      type="submit"
      name={props.name}
      value={props.value}
      className={props.className}
      aria-busy={pending}
      disabled={pending}
    >
      {pending ? props.pendingLabel : props.label}
    </button>
  )
}
