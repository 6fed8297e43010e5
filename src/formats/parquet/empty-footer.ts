/**
 * A file without rows made readable by every reader. Its footer (FileMetaData, Thrift compact
 * protocol) has an empty list of row groups, which the Parquet format allows (Spark writes such
 * files; arrow-rs and hyparquet read them). hyparquet-writer 0.17 takes a list's element type
 * from its first element, so it writes an empty list's header as 0x00: no elements, of type 0,
 * which no Thrift type is; arrow-rs refuses it ("list element type"). A list of row groups is a
 * list of structs, so its header is 0x0C (0 elements, type 12, struct): one byte, same length.
 *
 * `markEmptyRowGroups` walks the footer to field 4 (row_groups) and writes that byte.
 */

const par1 = 0x31524150;
const list = 9;
const struct = 12;
/** The header of an empty list of structs. */
const emptyStructList = struct;

/** Reads Thrift compact values of a footer, skipping them. */
class Walker {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
  ) {}

  byte(): number {
    if (this.at >= this.bytes.length) throw new Error('the Parquet footer ends too soon');
    return this.bytes[this.at++]!;
  }

  varint(): number {
    let out = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      out += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return out;
    }
  }

  /** A field header: its id (after `last`) and type; undefined at the struct's end. */
  field(last: number): { id: number; type: number } | undefined {
    const b = this.byte();
    if (b === 0) return undefined;
    const delta = b >> 4;
    const type = b & 0x0f;
    if (delta !== 0) return { id: last + delta, type };
    const zigzag = this.varint();
    return { id: zigzag % 2 ? -(zigzag + 1) / 2 : zigzag / 2, type };
  }

  skip(type: number, inList = false): void {
    switch (type) {
      case 1: // true
      case 2: // false: in a field, the type is the value; in a list, a byte
        if (inList) this.at++;
        return;
      case 3:
        this.at++;
        return;
      case 4:
      case 5:
      case 6:
        this.varint();
        return;
      case 7:
        this.at += 8;
        return;
      case 8: {
        const length = this.varint();
        this.at += length;
        return;
      }
      case 9:
      case 10: {
        const header = this.byte();
        const size = header >> 4 === 15 ? this.varint() : header >> 4;
        for (let i = 0; i < size; i++) this.skip(header & 0x0f, true);
        return;
      }
      case 11: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let i = 0; i < size; i++) {
          this.skip(types >> 4, true);
          this.skip(types & 0x0f, true);
        }
        return;
      }
      case 12:
        for (let f = this.field(0); f; f = this.field(f.id)) this.skip(f.type);
        return;
      default:
        throw new Error(`the Parquet footer has a value of unknown type ${type}`);
    }
  }
}

/**
 * Gives the file's empty list of row groups the element type struct, in place. A file whose
 * list is not empty, or already typed, is left as it is.
 */
export function markEmptyRowGroups(file: Uint8Array): void {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const end = file.length - 8;
  if (end < 4 || view.getUint32(end + 4, true) !== par1)
    throw new Error('not a whole Parquet file');
  const walker = new Walker(file.subarray(0, end), end - view.getUint32(end, true));
  for (let f = walker.field(0); f; f = walker.field(f.id)) {
    if (f.id === 4 && f.type === list) {
      if (file[walker.at] === 0) file[walker.at] = emptyStructList;
      return;
    }
    walker.skip(f.type);
  }
}
