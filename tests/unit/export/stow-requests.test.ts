import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { multipartRelated } from '../../../electron/core/pacs/dicomweb/multipart-related';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { testPacsConnection } from '../../../electron/core/pacs/dicomweb/test-connection';
import { SHARED_DICOM } from '../../support/paths';

// A loopback stand-in for a PACS that answers what a test asks for, and records each request.
interface Seen { method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }
let server: http.Server;
let base: string;
let reply: { status: number; body: string } = { status: 200, body: '{}' };
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(reply.status, { 'Content-Type': 'application/dicom+json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/dicom-web`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const CT = path.join(SHARED_DICOM, 'pydicom/CT_small.dcm');
const failedSop = (uid: string, reason: number) => ({ '00081198': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: [uid] }, '00081197': { vr: 'US', Value: [reason] } }] } });

describe('the STOW-RS request', () => {
  it('is a multipart/related POST of application/dicom parts, with basic auth when configured', async () => {
    reply = { status: 200, body: '{}' };
    const file = readStowFile(CT);
    await stowRs(parseDicomWebTarget({ url: base, username: 'reader', password: 'pä:ss' }), [file, file]);
    const request = seen.at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/dicom-web/studies');
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('reader:pä:ss').toString('base64')}`);
    const type = request.headers['content-type']!;
    expect(type).toMatch(/^multipart\/related; type="application\/dicom"; boundary=bonemet-[0-9a-f]{32}$/);
    const boundary = type.split('boundary=')[1]!;
    const parts = request.body.toString('latin1').split(`--${boundary}`);
    // preamble (empty), two parts, and the closing "--\r\n".
    expect(parts).toHaveLength(4);
    expect(parts[3]).toBe('--\r\n');
    for (const part of parts.slice(1, 3)) {
      const [head, ...rest] = part.split('\r\n\r\n');
      expect(head).toMatch(/Content-Type: application\/dicom/);
      expect(Buffer.from(rest.join('\r\n\r\n').slice(0, -2), 'latin1').equals(file.bytes as Buffer)).toBe(true);
    }
  });

  it('never picks a boundary that occurs inside a file', () => {
    const { contentType, body } = multipartRelated([new Uint8Array(Buffer.from('DICM data'))]);
    const boundary = contentType.split('boundary=')[1]!;
    expect(body.toString('latin1').split(boundary)).toHaveLength(3);
  });
});

describe('what the server answers', () => {
  const target = () => parseDicomWebTarget({ url: base });

  it('returns a partial store (202) with each failure and its reason', async () => {
    reply = { status: 202, body: JSON.stringify(failedSop('1.2.3', 0xc122)) };
    const result = await stowRs(target(), [readStowFile(CT)]);
    expect(result.status).toBe(202);
    expect(result.failed).toEqual([expect.objectContaining({ sopInstanceUid: '1.2.3', failureReason: 'transfer syntax not supported (0xC122)' })]);
  });

  it.each([
    [401, /credentials.*--user.*BONEMET_DICOMWEB_PASSWORD/, 'forbidden'],
    [403, /refused these credentials/, 'forbidden'],
    [409, /stored none of the instances/, 'conflict'],
    [413, /too large/, 'unsupported'],
    [503, /server failed \(HTTP 503\).*Try again later/, 'io_error'],
  ])('turns HTTP %i into an error a user can act on', async (status, message, code) => {
    reply = { status, body: 'server detail text' };
    const error = await stowRs(target(), [readStowFile(CT)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect((error as AppError).message).toMatch(message);
    expect((error as AppError).message).toMatch(/server detail text/);
  });
});

describe('a connection test (QIDO-RS study search)', () => {
  const target = () => parseDicomWebTarget({ url: base });

  it.each([
    ['an array of ids (a REST root, not DICOMweb)', '["1.2.3"]'],
    ['one object instead of an array', '{"0020000D":{"vr":"UI","Value":["1.2.3"]}}'],
    ['a web page', '<html>Explorer</html>'],
  ])('does not call a root answering with %s a DICOMweb root', async (_what, body) => {
    reply = { status: 200, body };
    const result = await testPacsConnection(target());
    expect(result).toMatchObject({ ok: false, httpStatus: 200 });
    expect(result.message).toMatch(/not with DICOM JSON: is http:\/\/127\.0\.0\.1:\d+\/dicom-web a DICOMweb root\?/);
    expect(seen.at(-1)!.url).toBe('/dicom-web/studies?limit=1');
  });

  it.each([
    [200, '[{"0020000D":{"vr":"UI","Value":["1.2.3"]}}]', /holds studies/],
    [200, '[]', /holds no study yet/],
    [204, '', /holds no study yet/],
  ])('calls HTTP %i with %j a working root', async (status, body, message) => {
    reply = { status, body };
    const result = await testPacsConnection(target());
    expect(result).toMatchObject({ ok: true, httpStatus: status });
    expect(result.message).toMatch(message);
  });
});

describe('the server configuration', () => {
  it.each([
    [{ url: 'ftp://pacs/dicom-web' }, /http:\/\/ or https:\/\//],
    [{ url: 'http://user:secret@localhost:8042/dicom-web' }, /no user name or password in the DICOMweb URL/],
    [{ url: 'http://pacs.hospital.example/dicom-web', username: 'u', password: 'p' }, /in clear over http/],
    [{ url: 'http://localhost:8042/dicom-web?x=1' }, /without a query/],
  ])('refuses %j', (candidate, message) => {
    expect(() => parseDicomWebTarget(candidate)).toThrow(message);
  });

  it('accepts https with credentials and loopback http, and drops a trailing slash', () => {
    expect(parseDicomWebTarget({ url: 'https://pacs.example/dicom-web/', username: 'u', password: 'p' }).url).toBe('https://pacs.example/dicom-web');
    expect(parseDicomWebTarget({ url: 'http://127.0.0.1:8042/dicom-web', username: 'u' }).url).toBe('http://127.0.0.1:8042/dicom-web');
  });
});
