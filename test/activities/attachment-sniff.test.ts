/** [#6] Recognising a file's type from its first bytes, and keeping a safe file name. */
import { MediaTypeMismatchError, sniffed } from '../../activities/attachments';
import { safeFilename } from '../../api/attachments/filename';

async function pass(pieces: Buffer[], mediaType: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of sniffed((async function* () { yield* pieces; })(), mediaType)) out.push(piece);
  return Buffer.concat(out);
}

describe('[#6] attachment checks', () => {
  it('passes every byte through unchanged once the first bytes match, however the stream is cut', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1000, 7)]);
    const cut = [file.subarray(0, 2), file.subarray(2, 3), file.subarray(3, 500), file.subarray(500)];
    expect((await pass(cut, 'application/pdf')).equals(file)).toBe(true);
    expect((await pass([Buffer.from([0xff, 0xd8, 0xff, 0xe0])], 'image/jpeg')).length).toBe(4);
    expect((await pass([Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 1, 2, 3, 4, 5])], 'image/tiff')).length).toBe(9);
  });

  it('refuses bytes of another type, an empty file and a type it cannot recognise', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    await expect(pass([png], 'application/pdf')).rejects.toBeInstanceOf(MediaTypeMismatchError);
    await expect(pass([], 'application/pdf')).rejects.toBeInstanceOf(MediaTypeMismatchError);
    await expect(pass([Buffer.from('%PDF-')], 'text/html')).rejects.toBeInstanceOf(MediaTypeMismatchError);
  });

  it('keeps only a file name: no path, no control or header-breaking characters', () => {
    expect(safeFilename('C:\\Users\\tessa\\asema piirros.pdf')).toBe('asema piirros.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('a\r\nb"c.pdf')).toBe('a__b_c.pdf');
    expect(safeFilename('..')).toBeNull();
    expect(safeFilename('dir/')).toBeNull();
    expect(safeFilename('x'.repeat(300) + '.pdf')).toBe('x'.repeat(196) + '.pdf');
  });
});
