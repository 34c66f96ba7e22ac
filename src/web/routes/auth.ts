/** Signing in and out. */
import type { Services } from '../../services/index.ts';
import type { Config } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { renderForm } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { passwordPage, signInPage } from '../presenters/auth.ts';
import { ValidationError } from '../../services/errors.ts';
import { SESSION_COOKIE } from '../auth.ts';

/** Only same-site relative paths are followed after sign-in. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : paths.home;
}

export const authRoutes = (services: Services, config: Config) => {
  const page = (returnTo: string) => signInPage(returnTo, config.allowDemoAccounts);

  return [
    defineRoute({
      method: 'GET',
      url: paths.signIn,
      access: 'public',
      audit: 'none',
      handler: async (req, reply) => {
        if (req.actor) return reply.redirect(paths.home, 303);
        const notice = req.session?.flash;
        if (notice) delete req.session.flash;
        return renderForm(reply, { ...page(safeReturnTo(queryString(req.query, 'returnTo'))), values: {}, ...(notice ? { notice } : {}) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.signIn,
      access: 'public',
      audit: 'auth.sign-in',
      body: PageForm,
      // 10 attempts per 15 minutes for one address and account (counted after the body is parsed).
      rateLimit: {
        max: 10,
        timeWindow: '15 minutes',
        hook: 'preHandler',
        keyGenerator: (req) => {
          // Before the route's schema is applied: the body is as parsed.
          const body: unknown = req.body;
          const email = body && typeof body === 'object' && 'email' in body ? body.email : undefined;
          return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : ''}`;
        },
      },
      handler: async (req, reply) => {
        const body = req.body ?? {};
        const email = typeof body.email === 'string' ? body.email.slice(0, 320) : '';
        const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
        const returnTo = safeReturnTo(queryString(req.query, 'returnTo'));
        const errors = [];
        if (!email.trim()) errors.push({ field: 'email', message: 'Enter your email address' });
        if (!password) errors.push({ field: 'password', message: 'Enter your password' });
        if (errors.length) return renderForm(reply, { ...page(returnTo), values: { email } }, errors);
        const actor = await services.auth.signIn(email, password, req.id);
        if (!actor) {
          return renderForm(reply, { ...page(returnTo), values: { email } }, [{ field: 'email', message: 'Enter a correct email address and password' }], 401);
        }
        await req.session.regenerate();
        req.session.userId = actor.userId;
        req.session.signedInAt = Date.now();
        return reply.redirect(returnTo, 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.account.password,
      access: 'signed-in',
      audit: 'none',
      handler: async (req, reply) => {
        const flash = req.session.flash;
        if (flash) delete req.session.flash;
        return renderForm(reply, { ...passwordPage(), values: {}, ...(flash ? { flash } : {}) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.account.password,
      access: 'signed-in',
      audit: 'auth.password-changed',
      body: PageForm,
      // A stolen session cannot guess the current password for long: 10 tries in 15 minutes per person.
      rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler', keyGenerator: (req) => `password|${req.actor?.userId ?? req.ip}` },
      handler: async (req, reply) => {
        const body = req.body ?? {};
        const text = (key: string) => (typeof body[key] === 'string' ? body[key].slice(0, 1024) : '');
        try {
          const { otherSessionsEnded } = await services.auth.changePassword(
            req.ctx(),
            { currentPassword: text('currentPassword'), newPassword: text('newPassword'), confirmPassword: text('confirmPassword') },
            req.session.sessionId,
          );
          req.session.flash = `Your password has been changed.${otherSessionsEnded ? ` You have been signed out of ${otherSessionsEnded === 1 ? 'one other session' : `${otherSessionsEnded} other sessions`}.` : ''}`;
          return reply.redirect(paths.account.password, 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          // Passwords are never shown again, right or wrong.
          return renderForm(reply, { ...passwordPage(), values: {} }, err.errors);
        }
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.signOut,
      access: 'signed-in',
      audit: 'auth.sign-out',
      handler: async (req, reply) => {
        await services.auth.signOut(req.ctx());
        await req.session.destroy();
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.redirect(paths.signIn, 303);
      },
    }),
  ];
};
