// Any unknown address: the friendly 404 page.
import { notFound } from '~/lib/guard.server'

export async function loader() {
  throw notFound()
}

export default function NotFound() {
  return null
}
