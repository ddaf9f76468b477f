// Bytes written out in a test, field by field: each argument is hex (spaces ignored), so a wire
// test can give every field its own line and comment.
export const hex = (...fields: string[]): Buffer => Buffer.from(fields.join('').replaceAll(' ', ''), 'hex')
