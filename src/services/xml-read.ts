import { parseXsDateTime } from '../domain/copenhagen-time';
import { DfdgFault } from '../domain/errors';
import { childNamed, type XmlEl } from '../soap/xml-tree';

/**
 * Reading a schema-valid request. In lenient mode (REQ-SCHEMA off) a request may still lack what
 * the schema demands; that is answered as the schema fault it is, never as an internal error.
 */
export const requiredChild = (el: XmlEl, ns: string, name: string): XmlEl => {
  const child = childNamed(el, ns, name);
  if (!child) throw new DfdgFault('REQ-SCHEMA', `${el.name} lacks the required element ${name}`);
  return child;
};

export const requiredText = (el: XmlEl, ns: string, name: string): string => requiredChild(el, ns, name).text;

export const optionalText = (el: XmlEl, ns: string, name: string): string | undefined =>
  childNamed(el, ns, name)?.text;

export const toInt = (value: string, what: string): number => {
  const n = Number(value.trim());
  if (!Number.isInteger(n)) throw new DfdgFault('REQ-SCHEMA', `${what} "${value}" is not an integer`);
  return n;
};

export const toBoolean = (value: string, what: string): boolean => {
  const v = value.trim();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new DfdgFault('REQ-SCHEMA', `${what} "${value}" is not a boolean`);
};

export const toDate = (value: string, what: string): Date => {
  const d = parseXsDateTime(value);
  if (!d) throw new DfdgFault('REQ-SCHEMA', `${what} "${value}" is not an xs:dateTime`);
  return d;
};

export const optionalDate = (el: XmlEl, ns: string, name: string): Date | undefined => {
  const v = optionalText(el, ns, name);
  return v === undefined ? undefined : toDate(v, name);
};
