import { describe, expect, test } from 'vitest';
import { checkJsonataExpression, checkJsonataExpressionAll, checkJsonataTemplate } from '../../src/jsonata/index.js';

describe('checkJsonataExpression: INVALID_JSONATA_EXPRESSION (parser text without its code)', () => {
  test.for([
    { text: 'a[1,2)', message: 'Expected "]", got ","' },
    { text: '"unterminated', message: 'String literal must be terminated by a matching quote' },
    { text: '1 +', message: 'Unexpected end of expression' },
    { text: '{"a":}', message: 'The symbol "}" cannot be used as a unary operator' },
    { text: '$x :=', message: 'Unexpected end of expression' },
    { text: '$match("a", /abc', message: 'No terminating / in regular expression' },
    { text: '$states.input.a ?? 1', message: 'The symbol "?" cannot be used as a unary operator' },
  ])('$text', ({ text, message }) => {
    expect(checkJsonataExpression(`{% ${text} %}`)).toEqual({ code: 'INVALID_JSONATA_EXPRESSION', message });
  });
});

describe('checkJsonataExpression: UNSUPPORTED_JSONATA_EXPRESSION (bare top-level field names)', () => {
  test.for([
    { text: 'phone', name: 'phone' },
    { text: 'phone.number', name: 'phone' },
    { text: '$count(items)', name: 'items' },
    { text: "{'a': total}", name: 'total' },
    { text: 'items[0]', name: 'items' },
    { text: '$states.input.a + b', name: 'b' },
    { text: '$f := function($v) { x }', name: 'x' },
  ])('$text', ({ text, name }) => {
    expect(checkJsonataExpression(`{% ${text} %}`)).toEqual({
      code: 'UNSUPPORTED_JSONATA_EXPRESSION',
      message: `Reference to '${name}' at the top level is not supported.`,
    });
  });

  test.for([
    '$states.input.phone',
    '$states.input.items[price > 10].name',
    '$states.input.items{type: $sum(price)}',
    '$states.input.(a + b)',
    '$map($states.input.items, function($v) { $v.price })',
    '$myVariable.field',
    '$states.input.items^(price)',
    "'a string'",
  ])('allowed: %s', (text) => {
    expect(checkJsonataExpression(`{% ${text} %}`)).toBeNull();
  });

  test('every distinct name', () => {
    expect(checkJsonataExpressionAll('{% a + b + a %}').map((p) => p.message)).toEqual([
      "Reference to 'a' at the top level is not supported.",
      "Reference to 'b' at the top level is not supported.",
    ]);
  });

  test('accepts the expression without its delimiters', () => {
    expect(checkJsonataExpression('phone')?.code).toBe('UNSUPPORTED_JSONATA_EXPRESSION');
    expect(checkJsonataExpression('$states.input')).toBeNull();
  });
});

describe('checkJsonataTemplate', () => {
  test('every expression at any depth, with its location', () => {
    expect(checkJsonataTemplate({ v: '{% phone %}', list: [1, '{% [1,2 %}'], ok: '{% $states.input %}' }, '/States/E/Output')).toEqual([
      { code: 'UNSUPPORTED_JSONATA_EXPRESSION', message: "Reference to 'phone' at the top level is not supported.", location: '/States/E/Output/v' },
      { code: 'INVALID_JSONATA_EXPRESSION', message: 'Expected "]" before end of expression', location: '/States/E/Output/list/1' },
    ]);
    expect(checkJsonataTemplate('{% phone %}', '/States/E/Output')[0]?.location).toBe('/States/E/Output');
    expect(checkJsonataTemplate({ 'a/b': 'literal' }, '/x')).toEqual([]);
  });
});
