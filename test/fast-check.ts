/**
 * fast-check for every property test, with a fixed seed, so that CI passes or fails the same way
 * on every run. Property tests import `fc` from here, never from 'fast-check' directly
 * (test/fast-check.test.ts checks that they do).
 *
 * On a failure fast-check prints the seed with the counterexample ("{ seed: 20260111, path: … }").
 * To run the property tests with another seed, or to replay a failure seen elsewhere, set FC_SEED:
 *
 *   FC_SEED=-779473539 TZ=Europe/London node --import tsx --test src/domain/anonymise/redact.property.test.ts
 *
 * A test-support file: it reads the environment, which domain code never does.
 */
import fc from 'fast-check';

/** The seed every property test runs with unless FC_SEED is set. */
export const DEFAULT_FC_SEED = 20260111;

/** fast-check seeds are 32-bit integers; it prints them signed. */
const MIN_SEED = -(2 ** 31);
const MAX_SEED = 2 ** 32 - 1;

/** The seed to use: FC_SEED when it is set (a whole number), else the default. Anything else is refused, not ignored. */
export function fastCheckSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.FC_SEED?.trim();
  if (raw === undefined || raw === '') return DEFAULT_FC_SEED;
  const seed = Number(raw);
  if (!/^-?\d+$/.test(raw) || seed < MIN_SEED || seed > MAX_SEED) {
    throw new RangeError(`FC_SEED must be a whole number from ${MIN_SEED} to ${MAX_SEED}, like the seed fast-check prints when a property fails; it is "${raw}"`);
  }
  return seed;
}

/** The seed this run uses. */
export const FC_SEED = fastCheckSeed();

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FC_SEED });

export { fc };
export default fc;
