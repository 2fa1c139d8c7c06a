/** The sign-in form; posts to /api/login. */
export function LoginPage(error?: string): string {
  const message = error ? `<p class="error">${error}</p>` : '';
  return `<form class="login" method="post" action="/api/login">
  <h1>Sign in to Taskboard</h1>${message}
  <label>Email <input name="email" type="email" required></label>
  <label>Password <input name="password" type="password" minlength="10" required></label>
  <button type="submit">Sign in</button>
</form>`;
}
