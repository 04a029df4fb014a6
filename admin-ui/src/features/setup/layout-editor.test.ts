import { describe, expect, it } from 'vitest';
import { addSection, draftOf, layoutBody, moveField, previewOf, removeSection, shiftField } from './layout-editor.js';

describe('the layout editor', () => {
  it('starts a default layout as one section, and keeps a customised layout’s “Other” apart', () => {
    expect(draftOf({ entity: 'deal', customised: false, sections: [{ label: { en: 'Deal' }, columns: 1, fields: ['title', 'stage'], unplaced: true }] })).toEqual({
      sections: [{ label: { en: 'Deal' }, columns: 1, fields: ['title', 'stage'] }],
      unplaced: [],
    });
    const custom = draftOf({
      entity: 'deal',
      customised: true,
      sections: [
        { label: { en: 'Main', es: 'Principal' }, columns: 2, fields: ['title'] },
        { label: { en: 'Other' }, columns: 1, fields: ['stage'], unplaced: true },
      ],
    });
    expect(custom).toEqual({ sections: [{ label: { en: 'Main', es: 'Principal' }, columns: 2, fields: ['title'] }], unplaced: ['stage'] });
  });

  it('moves fields between sections, orders them, and sends only the placed ones', () => {
    let draft = draftOf({ entity: 'deal', customised: false, sections: [{ label: { en: 'Deal' }, columns: 1, fields: ['title', 'stage', 'amount'], unplaced: true }] });
    draft = addSection(draft, 'Money');
    draft = moveField(draft, 'amount', 1);
    draft = moveField(draft, 'stage', 1);
    draft = shiftField(draft, 1, 'stage', -1);
    expect(draft.sections.map((s) => s.fields)).toEqual([['title'], ['stage', 'amount']]);
    draft = removeSection(draft, 0);
    expect(draft.unplaced).toEqual(['title']);
    expect(layoutBody(draft)).toEqual({ sections: [{ label: { en: 'Money' }, columns: 1, fields: ['stage', 'amount'] }] });
    expect(previewOf(draft).map((s) => [s.label.en, s.fields])).toEqual([
      ['Money', ['stage', 'amount']],
      ['Other', ['title']],
    ]);
  });
});
