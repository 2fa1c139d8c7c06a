import type { Router } from '../router.js';
import type { UserService } from '../services/userService.js';

interface Credentials {
  email: string;
  password: string;
  displayName?: string;
}

/** Account endpoints: /api/users and /api/login */
export function registerUserRoutes(router: Router, users: UserService): void {
  router
    .add('POST', '/api/users', ({ body }) => {
      const c = body as Credentials;
      return { status: 201, body: users.register(c.email, c.displayName ?? c.email, c.password) };
    })
    .add('POST', '/api/login', ({ body }) => {
      const c = body as Credentials;
      const user = users.authenticate(c.email, c.password);
      return user ? { status: 200, body: user } : { status: 401, body: { error: 'invalid credentials' } };
    })
    .add('GET', '/api/users/:id', ({ params }) => {
      const user = users.getUser(Number(params.id));
      return user ? { status: 200, body: user } : { status: 404, body: { error: 'user not found' } };
    });
}
