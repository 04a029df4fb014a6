import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePaths } from './template.js';

describe('workflow text templates', () => {
  const data = { record: { subject: 'Server down', id: 7, address: { city: 'Lima' }, empty: null } };

  it('fills placeholders from own properties; missing and null become empty', () => {
    expect(renderTemplate('#{{record.id}} {{ record.subject }} in {{record.address.city}}{{record.empty}}{{record.nope}}', data)).toBe('#7 Server down in Lima');
    expect(renderTemplate('{{record.address}}', data)).toBe('{"city":"Lima"}');
  });

  it('never reaches a prototype', () => {
    expect(renderTemplate('[{{record.__proto__}}][{{record.constructor.name}}][{{record.toString}}]', data)).toBe('[][][]');
  });

  it('lists its placeholder paths', () => {
    expect(templatePaths('Hi {{record.name}}, {{ trigger.at }}')).toEqual(['record.name', 'trigger.at']);
  });
});
