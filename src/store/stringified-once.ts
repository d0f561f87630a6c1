import type { RequestUserMetadata } from '../domain/request-user-metadata';

/**
 * A function of one object that works out its value for a new object only: the same (immutable)
 * object given again, as a call gives its booking and its RequestUserMetadata to the booking row,
 * the history row, each WSRM message and the audit row in turn, gets what was made the first time.
 * It holds on to the last object only.
 */
export const lastOnce = <T extends object, R>(make: (value: T) => R): ((value: T) => R) => {
  let last: T | undefined;
  let made: R;
  return (value: T): R => {
    if (value !== last) {
      made = make(value);
      last = value;
    }
    return made;
  };
};

/** The call's RequestUserMetadata as the store keeps it (JSON), made once per call. */
export const requestUserMetadataJson: (user: RequestUserMetadata) => string = lastOnce((user) =>
  JSON.stringify(user),
);
