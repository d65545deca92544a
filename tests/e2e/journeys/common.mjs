// Shared steps for browser journeys. Each journey runs against a fresh stack, so it starts here:
// the first-run setup creates the team and its admin and leaves the browser signed in.

/** Waits for Remix to hydrate (JS on only). */
export async function hydrated(page, js) {
  if (js) await page.waitForFunction(() => window.__remixRouter?.state?.initialized === true)
}

/** Completes the first-run setup and returns the admin's credentials; the page ends on the home page. */
export async function setupAndLogin(
  page,
  {
    js = false,
    tenant = 'Padaria Pão Quente',
    name = 'Ana Souza',
    email,
    password = 'Pao-de-queijo-2026',
  } = {},
) {
  const admin = { name, email: email ?? `admin.${js ? 'js' : 'nojs'}@padaria.com.br`, password }
  await page.goto('/')
  await page.waitForURL(/\/setup$/)
  await hydrated(page, js)
  await page.getByLabel('Nome da empresa / equipe').fill(tenant)
  await page.getByLabel('Seu nome').fill(admin.name)
  await page.getByLabel('E-mail', { exact: true }).fill(admin.email)
  await page.getByLabel('Senha', { exact: true }).fill(admin.password)
  await page.getByRole('button', { name: 'Criar equipe e entrar' }).click()
  await page.getByRole('heading', { name: `Olá, ${admin.name}!` }).waitFor()
  return admin
}
