import { describe, expect, it } from 'vitest';
import { createSseParser, SseOverflowError, type SseMessage } from '../../../../electron/core/live/sse-parser';

const parse = (chunks: string[], maxEventChars?: number) => {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser(
    { onMessage: (message) => messages.push(message), onComment: (text) => comments.push(text), onRetry: (ms) => retries.push(ms) },
    maxEventChars,
  );
  for (const chunk of chunks) parser.feed(chunk);
  return { messages, comments, retries };
};

describe('the text/event-stream parser', () => {
  it('reads events with id, type and data, and comments between them', () => {
    const { messages, comments } = parse([': connected\n\nid: abcdefgh-1\nevent: token.changed\ndata: {"a":1}\n\n: heartbeat\n\n']);
    expect(messages).toEqual([{ id: 'abcdefgh-1', event: 'token.changed', data: '{"a":1}' }]);
    expect(comments).toEqual(['connected', 'heartbeat']);
  });

  it('joins data lines, defaults the type to message, and keeps a value without its one leading space', () => {
    const { messages } = parse(['data:first\ndata:  second\n\n']);
    expect(messages).toEqual([{ id: null, event: 'message', data: 'first\n second' }]);
  });

  it('accepts CRLF, CR and LF, even when a CRLF is split across chunks', () => {
    const { messages } = parse(['id: a\r', '\ndata: 1\r\r', 'id: b\rdata: 2\r', '\n\r\n']);
    expect(messages).toEqual([
      { id: 'a', event: 'message', data: '1' },
      { id: 'b', event: 'message', data: '2' },
    ]);
  });

  it('reassembles an event cut anywhere, character by character', () => {
    const text = '\uFEFFid: epochabc-12\nevent: ready\ndata: {"x":"日本語"}\n\n';
    const { messages } = parse([...text]);
    expect(messages).toEqual([{ id: 'epochabc-12', event: 'ready', data: '{"x":"日本語"}' }]);
  });

  it('ignores unknown fields, an event without data, and an id with a NUL', () => {
    const { messages, retries } = parse(['foo: bar\nid: x\n\nretry: 2500\nretry: soon\nid: a\u0000b\ndata: d\n\n']);
    expect(messages).toEqual([{ id: null, event: 'message', data: 'd' }]);
    expect(retries).toEqual([2500]);
  });

  it('refuses a line or an event past the limit instead of buffering it', () => {
    expect(() => parse(['data: ' + 'x'.repeat(200)], 100)).toThrow(SseOverflowError);
    expect(() => parse(['data: ' + 'x'.repeat(60) + '\n', 'data: ' + 'x'.repeat(60) + '\n'], 100)).toThrow(SseOverflowError);
  });
});
