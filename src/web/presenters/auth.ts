/** The sign-in page as data. */
import { paths } from '../../http/paths.ts';
import type { Field } from '../forms.ts';
import { PASSWORD_MIN_LENGTH } from '../../domain/access/passwords.ts';

export const signInFields: Field[] = [
  { name: 'email', label: 'Email address', inputType: 'email', autocomplete: 'username' },
  { name: 'password', label: 'Password', inputType: 'password', autocomplete: 'current-password' },
];

/**
 * The sign-in page, which returns to `returnTo` afterwards: the single sign-on button when it is
 * configured (`ssoLabel`), the e-mail and password form unless local sign-in is turned off, and where
 * demo accounts are allowed, a warning saying so.
 */
export function signInPage(returnTo: string, allowDemoAccounts: boolean, localSignIn = true, ssoLabel: string | null = null) {
  const query = `?returnTo=${encodeURIComponent(returnTo)}`;
  return {
    title: 'Sign in to Hearth',
    action: `${paths.signIn}${query}`,
    submitText: 'Sign in',
    fields: localSignIn ? signInFields : [],
    sso: ssoLabel ? { text: ssoLabel, href: `${paths.oidc.start}${query}` } : undefined,
    warning: allowDemoAccounts && localSignIn ? 'Demo accounts are listed in the README. They are refused in production.' : undefined,
  };
}

export const codeFields: Field[] = [
  {
    name: 'code',
    label: 'Code from your authenticator app',
    hint: 'The 6-digit code the app shows for Hearth now.',
    inputType: 'text',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    classes: 'govuk-input--width-10',
  },
];

/** The second step of signing in with a password, for someone using two-factor sign-in. */
export function codePage() {
  return { title: 'Enter your code', action: paths.signInCode, submitText: 'Continue', fields: codeFields };
}

/** Groups a secret in fours, as authenticator apps show keys. */
export const groupsOfFour = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Setting up two-factor sign-in: the new key and its otpauth:// link (or, once on, nothing of them). */
export function twoFactorPage(shown: { secret: string; uri: string } | null) {
  return {
    title: 'Two-factor sign-in',
    action: paths.account.twoFactor,
    fields: codeFields,
    ...(shown ? { secret: shown.secret, secretGroups: groupsOfFour(shown.secret), uri: shown.uri } : {}),
  };
}

/** An administrator's confirmation before resetting someone's two-factor sign-in. */
export function resetPage(id: string, name: string) {
  return {
    title: `Reset two-factor sign-in for ${name}`,
    action: paths.users.resetTwoFactor(id),
    backLink: paths.users.show(id),
    submitText: 'Reset two-factor sign-in',
    fields: [] as Field[],
    warning: `${name} will sign in with their password alone until they set up two-factor sign-in again (administrators must set it up at once). Only do this when you are sure who asked: for example they told you in person that they lost their phone.`,
  };
}

/** The form to change one's own password. */
export function passwordPage() {
  const fields: Field[] = [
    { name: 'currentPassword', label: 'Current password', inputType: 'password', autocomplete: 'current-password' },
    {
      name: 'newPassword',
      label: 'New password',
      inputType: 'password',
      autocomplete: 'new-password',
      hint: `At least ${PASSWORD_MIN_LENGTH} characters. Three random words make a strong password that is easy to remember.`,
    },
    { name: 'confirmPassword', label: 'Type the new password again', inputType: 'password', autocomplete: 'new-password' },
  ];
  return {
    title: 'Change your password',
    action: paths.account.password,
    submitText: 'Change password',
    fields,
    warning: 'Changing your password signs you out everywhere else you are signed in.',
  };
}
