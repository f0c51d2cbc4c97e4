// Format Selection through dockerfile-language-service: the lines VS Code shows as selected, no more.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GeneralFeatures } from '../../server/src/languageService/generalFeatures';
import { applyEdits, fixture } from '../support/fixture';

describe('Format Selection', () => {
  it('leaves alone the line a Shift+Down selection ends on at column 0', () => {
    const fx = fixture('FROM a\n[[  RUN x\n]]  RUN y\n');
    const general = new GeneralFeatures({});
    const edits = general.formatRange(fx.text, fx.ranges[0], { tabSize: 4, insertSpaces: true });
    assert.equal(applyEdits(fx.text, edits), 'FROM a\nRUN x\n  RUN y\n');
  });
});
