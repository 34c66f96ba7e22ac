/** Signing in (with a password and perhaps a code, or through single sign-on) and out; two-factor set-up and reset. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services/index.ts';
import type { Config } from '../../config.ts';
import { defineRoute } from '../../http/route.ts';
import { IdParams, PageForm } from '../../http/schemas.ts';
import { paths } from '../../http/paths.ts';
import { errorList, renderForm } from '../forms.ts';
import { queryString } from '../../http/query.ts';
import { codeFields, codePage, resetPage, signInPage, passwordPage, twoFactorPage } from '../presenters/auth.ts';
import { NotFoundError, ValidationError } from '../../services/errors.ts';
import { SESSION_COOKIE } from '../auth.ts';
import { OidcRefusedError, OidcUnavailableError } from '../../services/oidc.ts';
import type { IdentityRefusal } from '../../services/auth.ts';
import type { Actor } from '../../services/context.ts';
import { noFlash } from '../flash.ts';

/** How long the code step of a sign-in waits after the password was right. */
const PENDING_CODE_MS = 5 * 60_000;

/** What someone refused at single sign-on is told. */
const REFUSALS: Record<IdentityRefusal['refused'], { title: string; detail: string }> = {
  unknown: { title: 'You cannot sign in to Hearth with this account', detail: 'Your organisation account is not linked to a member of staff in Hearth. Ask a Hearth administrator to add you with the email address your organisation gives you.' },
  'no-email': { title: 'You cannot sign in to Hearth with this account', detail: 'Your identity provider did not give a verified email address, so Hearth cannot tell which member of staff you are. Ask a Hearth administrator.' },
  inactive: { title: 'Your Hearth account is not active', detail: 'Your account has been made inactive. Ask a Hearth administrator if you need to use Hearth again.' },
  demo: { title: 'Demo accounts cannot sign in here', detail: 'Demo accounts are refused in production.' },
  'linked-elsewhere': { title: 'You cannot sign in to Hearth with this account', detail: 'The Hearth account with your email address is linked to a different organisation account. Ask a Hearth administrator.' },
};

/** Only same-site relative paths are followed after sign-in. */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) ? value : paths.home;
}

export const authRoutes = (services: Services, config: Config) => {
  const page = (returnTo: string) => signInPage(returnTo, config.allowDemoAccounts, config.localSignIn, config.oidc ? config.oidc.label : null);
  const showSignIn = (reply: FastifyReply, returnTo: string, values: Record<string, unknown>, errors: { field: string; message: string }[] = [], status?: number, notice?: string) => {
    const p = page(returnTo);
    return reply.code(status ?? (errors.length ? 400 : 200)).view('pages/sign-in.njk', { ...p, values, errors, errorList: errorList(errors, p.fields), ...(notice ? { notice } : {}) });
  };

  /** Signs the browser in as someone: a new session (no fixation), with the time of sign-in. */
  async function startSession(req: FastifyRequest, actor: Actor, extra: { enrolTwoFactor?: boolean } = {}) {
    await req.session.regenerate();
    req.session.userId = actor.userId;
    req.session.signedInAt = Date.now();
    if (extra.enrolTwoFactor) req.session.enrolTwoFactor = true;
  }

  const refusePage = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, detail: string) =>
    reply.code(status).view('errors/error.njk', { status, title, detail, user: req.actor, signInLink: paths.signIn });

  const oidcRoutes = config.oidc
    ? [
        defineRoute({
          method: 'GET',
          url: paths.oidc.start,
          access: 'public',
          audit: 'none',
          handler: async (req, reply) => {
            const rp = services.oidc;
            if (!rp) throw new NotFoundError('Single sign-on');
            try {
              const { url, checks } = await rp.start();
              req.session.oidc = { ...checks, returnTo: safeReturnTo(queryString(req.query, 'returnTo')) };
              return reply.redirect(url, 303);
            } catch (err) {
              if (!(err instanceof OidcUnavailableError)) throw err;
              req.log.warn({ err: err.message }, 'single sign-on provider unreachable');
              return refusePage(req, reply, 503, 'Single sign-on is not working at the moment', 'Hearth could not reach your organisation’s sign-in service. Try again in a few minutes, or ask your IT service desk.');
            }
          },
        }),
        defineRoute({
          method: 'GET',
          url: paths.oidc.callback,
          access: 'public',
          audit: 'auth.sign-in',
          handler: async (req, reply) => {
            const rp = services.oidc;
            if (!rp) throw new NotFoundError('Single sign-on');
            const checks = req.session?.oidc;
            // One use: the checks go whatever happens next.
            if (checks) delete req.session.oidc;
            if (!checks) {
              await services.auth.identityFailed('no sign-in in progress', req.id);
              return refusePage(req, reply, 400, 'Your sign-in has expired', 'Hearth did not recognise this sign-in. Go back to the sign-in page and try again.');
            }
            const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
            let claims;
            try {
              claims = await rp.finish(query, checks);
            } catch (err) {
              if (!(err instanceof OidcRefusedError) && !(err instanceof OidcUnavailableError)) throw err;
              await services.auth.identityFailed(err.message, req.id);
              if (err instanceof OidcUnavailableError) return refusePage(req, reply, 503, 'Single sign-on is not working at the moment', 'Hearth could not reach your organisation’s sign-in service. Try again in a few minutes.');
              return refusePage(req, reply, 400, 'Sign-in was not completed', 'Your organisation’s sign-in service did not confirm who you are, or the sign-in did not come from this browser. Go back to the sign-in page and try again.');
            }
            const result = await services.auth.signInWithIdentity(claims, req.id);
            if ('refused' in result) {
              const r = REFUSALS[result.refused];
              return refusePage(req, reply, 403, r.title, r.detail);
            }
            await startSession(req, result);
            return reply.redirect(checks.returnTo, 303);
          },
        }),
      ]
    : [];

  return [
    defineRoute({
      method: 'GET',
      url: paths.signIn,
      access: 'public',
      audit: 'none',
      handler: async (req, reply) => {
        if (req.actor) return reply.redirect(paths.home, 303);
        const flash = req.session?.flash;
        if (flash) delete req.session.flash;
        const notice = typeof flash === 'string' ? flash : flash?.text;
        return showSignIn(reply, safeReturnTo(queryString(req.query, 'returnTo')), {}, [], 200, notice);
      },
    }),

    ...oidcRoutes,

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
        if (!config.localSignIn) return showSignIn(reply, returnTo, {}, [{ field: 'email', message: 'Sign in with your organisation account' }], 400);
        const errors = [];
        if (!email.trim()) errors.push({ field: 'email', message: 'Enter your email address' });
        if (!password) errors.push({ field: 'password', message: 'Enter your password' });
        if (errors.length) return showSignIn(reply, returnTo, { email }, errors);
        const result = await services.auth.signIn(email, password, req.id);
        if (!result) return showSignIn(reply, returnTo, { email }, [{ field: 'email', message: 'Enter a correct email address and password' }], 401);
        if (result.next === 'code') {
          await req.session.regenerate();
          req.session.pendingTwoFactor = { userId: result.actor.userId, at: Date.now(), returnTo };
          return reply.redirect(paths.signInCode, 303);
        }
        await startSession(req, result.actor, { enrolTwoFactor: result.next === 'enrol' });
        return reply.redirect(result.next === 'enrol' ? paths.account.twoFactor : returnTo, 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.signInCode,
      access: 'public',
      audit: 'none',
      handler: async (req, reply) => {
        const pending = req.session?.pendingTwoFactor;
        if (!pending || Date.now() - pending.at > PENDING_CODE_MS) return reply.redirect(paths.signIn, 303);
        return renderForm(reply, { ...codePage(), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.signInCode,
      access: 'public',
      audit: 'auth.sign-in',
      body: PageForm,
      // Codes are six digits: 10 tries in 15 minutes for one person (and one address), like passwords.
      rateLimit: {
        max: 10,
        timeWindow: '15 minutes',
        hook: 'preHandler',
        keyGenerator: (req) => `code|${req.session?.pendingTwoFactor?.userId ?? req.ip}`,
      },
      handler: async (req, reply) => {
        const pending = req.session?.pendingTwoFactor;
        if (!pending || Date.now() - pending.at > PENDING_CODE_MS) {
          if (pending) delete req.session.pendingTwoFactor;
          req.session.flash = 'You took too long to enter the code. Sign in again.';
          return reply.redirect(paths.signIn, 303);
        }
        const body = req.body ?? {};
        const code = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
        if (!code.trim()) return renderForm(reply, { ...codePage(), values: {} }, [{ field: 'code', message: 'Enter the code from your authenticator app' }]);
        const actor = await services.auth.verifySignInCode(pending.userId, code, req.id);
        if (!actor) return renderForm(reply, { ...codePage(), values: {} }, [{ field: 'code', message: 'The code is not right: enter the code your authenticator app shows now' }], 401);
        await startSession(req, actor);
        return reply.redirect(pending.returnTo, 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.account.twoFactor,
      access: 'signed-in',
      audit: 'none',
      handler: async (req, reply) => {
        const actor = req.actor!;
        if (await services.auth.twoFactorEnrolled(actor.userId)) return reply.view('pages/two-factor.njk', { ...twoFactorPage(null), enrolled: true });
        // A new key for each visit until one is confirmed; kept (sealed) in the session meanwhile.
        const pendingSecret = req.session.twoFactorSecret ? services.auth.openPendingSecret(actor, req.session.twoFactorSecret) : null;
        const fresh = pendingSecret ? null : services.auth.newTwoFactorSecret(actor);
        if (fresh) req.session.twoFactorSecret = fresh.sealed;
        const shown = pendingSecret ?? fresh!;
        const notice = req.session.enrolTwoFactor ? 'Administrators must use two-factor sign-in. Set it up to carry on.' : undefined;
        return reply.view('pages/two-factor.njk', { ...twoFactorPage(shown), values: {}, errors: [], errorList: [], ...(notice ? { notice } : {}) });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.account.twoFactor,
      access: 'signed-in',
      audit: 'auth.two-factor-enrolled',
      body: PageForm,
      rateLimit: { max: 10, timeWindow: '15 minutes', hook: 'preHandler', keyGenerator: (req) => `enrol|${req.actor?.userId ?? req.ip}` },
      handler: async (req, reply) => {
        const actor = req.actor!;
        const sealed = req.session.twoFactorSecret;
        if (!sealed) {
          noFlash(req);
          return reply.redirect(paths.account.twoFactor, 303);
        }
        const body = req.body ?? {};
        const code = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
        try {
          await services.auth.confirmTwoFactor(req.ctx(), sealed, code);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          const shown = services.auth.openPendingSecret(actor, sealed);
          if (!shown) {
            noFlash(req);
            return reply.redirect(paths.account.twoFactor, 303);
          }
          const p = twoFactorPage(shown);
          return reply.code(400).view('pages/two-factor.njk', { ...p, values: {}, errors: err.errors, errorList: errorList(err.errors, codeFields) });
        }
        delete req.session.twoFactorSecret;
        delete req.session.enrolTwoFactor;
        req.session.flash = 'Two-factor sign-in is on. Next time you sign in with your password, you will also need a code from your app.';
        return reply.redirect(paths.account.twoFactor, 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.users.resetTwoFactor(),
      access: 'user:manage',
      audit: 'user.viewed',
      params: IdParams,
      handler: async (req, reply) => {
        const u = await services.users.get(req.ctx(), req.params.id);
        return renderForm(reply, { ...resetPage(u.id, u.fullName), values: {} });
      },
    }),

    defineRoute({
      method: 'POST',
      url: paths.users.resetTwoFactor(),
      access: 'user:manage',
      audit: 'auth.two-factor-reset',
      params: IdParams,
      body: PageForm,
      handler: async (req, reply) => {
        const { id } = req.params;
        try {
          await services.auth.resetTwoFactor(req.ctx(), id);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          const u = await services.users.get(req.ctx(), id);
          return renderForm(reply, { ...resetPage(u.id, u.fullName), values: {} }, err.errors);
        }
        return reply.redirect(paths.users.show(id), 303);
      },
    }),

    defineRoute({
      method: 'GET',
      url: paths.account.password,
      access: 'signed-in',
      audit: 'none',
      handler: async (req, reply) => {
        return renderForm(reply, { ...passwordPage(), values: {} });
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
