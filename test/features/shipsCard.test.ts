// The stage card's "Ships" line (features/ships/shipsCard.ts): the default target's stage only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageCard } from '../../server/src/features/stageCard';
import { lines } from '../support/fixture';

function card(text: string, index: number): string {
  const context = featureContext(AnalyzedDocument.fromText(text));
  return stageCard(context, context.model.stages.at(index)!);
}

describe('the Ships line of the stage card', () => {
  it('on the default target: its base\'s files and the lines that add files, with where they come from', () => {
    const text = lines('FROM golang AS build', 'RUN go build -o /app .', 'FROM alpine:3.20', 'RUN apk add curl', 'COPY --from=build /app /app', 'COPY conf /etc/conf');
    assert.match(card(text, -1), /\n- Ships \(default target\): the files of `alpine:3\.20` \(unknown here\), and what lines 4, 5, 6 add \(RUN, stage build, the build context\)$/);
  });
  it('a scratch image with one line; not on another stage', () => {
    const text = lines('FROM golang AS build', 'FROM scratch', 'COPY --from=build /app /app');
    assert.match(card(text, -1), /- Ships \(default target\): nothing from its base \(`scratch`\), and what line 3 adds \(stage build\)$/);
    assert.doesNotMatch(card(text, 0), /Ships/);
  });
});
