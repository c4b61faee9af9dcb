import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeMessageText } from '../../host/queueMessage';

describe('queueMessage', () => {
  test('base64 text is decoded as UTF-8; "none" passes text through', () => {
    const text = JSON.stringify({ jobId: 'j-1', note: 'gâteau' });
    assert.equal(decodeMessageText(Buffer.from(text).toString('base64'), 'base64'), text);
    assert.equal(decodeMessageText(text, 'none'), text);
  });

  test('text that is not base64 fails the invocation instead of decoding to garbage', () => {
    assert.throws(() => decodeMessageText('{"jobId":"j-1"}', 'base64'), /not valid base64/);
  });
});
