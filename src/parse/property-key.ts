/**
 * `key` as V8 keeps property names (internalized). Reading or writing a property with a string that
 * was just built (a slice of the XML, a template literal) makes V8 look the string up in its string
 * table first, off its fast path; with the internalized string it goes straight to the property. Worth
 * it for names used over and over, made once and kept: element and attribute names.
 */
export function propertyKey(key: string): string {
  return Object.keys({ [key]: true })[0] ?? key;
}
