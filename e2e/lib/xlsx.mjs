// XLSX files for the browser tests, written and read by hand (a workbook is a ZIP of XML parts):
// the ФИС ОКО collection form a school downloads, built as ФИС ОКО builds it (a header, prepared
// rows with a total formula, drop-downs from a hidden list sheet), and the parts of a workbook the
// app hands back, to check what it wrote.
import zlib from "node:zlib";

const utf8 = (s) => Buffer.from(s, "utf8");
const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An uncompressed ZIP of `files`: [[name, text or Buffer]]. */
export function zip(files) {
  const parts = [];
  const directory = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : utf8(content);
    const path = utf8(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(0x21, 12); // 1 January 1980
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(path.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(path.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, path, data);
    directory.push(central, path);
    offset += 30 + path.length + data.length;
  }
  const listing = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(listing.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, listing, end]);
}

/** The parts of a ZIP (stored or deflated) by name, as text. */
export function unzip(buffer) {
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  assertFound(end >= 0);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    out.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString("utf8"));
    at += 46 + skip;
  }
  return out;
}

function assertFound(ok) {
  if (!ok) throw new Error("not a ZIP archive");
}

const column = (i) => (i < 26 ? "" : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26));

/**
 * The empty «Форма сбора результатов» of a paper with these task headers («1 (2б)»…), prepared
 * to row `prepared` as ФИС ОКО prepares it (to 1499 in the real file).
 */
export function collectionForm(tasks, prepared = 200) {
  const header = ["Код участника", "Вариант", ...tasks, "Порядковый номер класса",
    "Отметка за предыдущий триместр/ четверть/полугодие", "Итого баллов"];
  const lists = [["1", "2", "отсутствовал"], ["5", "4", "3", "2", "1", "0", "X"], ["5", "4", "3", "2", "нет отметки"]];
  const strings = [...header, ...lists.flat()];
  const index = (s) => strings.indexOf(s);
  const total = column(tasks.length + 4);
  const lastTask = column(tasks.length + 1);
  const rows = [`<row r="1">${header.map((h, i) => `<c r="${column(i)}1" t="s"><v>${index(h)}</v></c>`).join("")}</row>`];
  for (let r = 2; r <= prepared; r++) {
    rows.push(`<row r="${r}"><c r="${total}${r}"><f>SUM(C${r}:${lastTask}${r})</f><v>0</v></c></row>`);
  }
  const list = (sqref, source) =>
    `<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${sqref}"><formula1>${escape(source)}</formula1></dataValidation>`;
  const validations = [
    list(`B2:B${prepared}`, "Служебный!$A$1:$A$3"),
    list(`C2:${lastTask}${prepared}`, "Служебный!$B$1:$B$7"),
    list(`${column(tasks.length + 3)}2:${column(tasks.length + 3)}${prepared}`, "Служебный!$C$1:$C$5"),
  ];
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const protocol = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><dimension ref="A1:${total}${prepared}"/><sheetData>${rows.join("")}</sheetData><dataValidations count="${validations.length}">${validations.join("")}</dataValidations></worksheet>`;
  const listRows = [0, 1, 2, 3, 4, 5, 6].map((r) => `<row r="${r + 1}">${lists
    .map((l, c) => (l[r] === undefined ? "" : `<c r="${column(c)}${r + 1}" t="s"><v>${index(l[r])}</v></c>`)).join("")}</row>`);
  const service = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><sheetData>${listRows.join("")}</sheetData></worksheet>`;
  const shared = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escape(s)}</t></si>`).join("")}</sst>`;
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  return zip([
    ["[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type}.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${type}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${type}.sharedStrings+xml"/></Types>`],
    ["_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${ns}><sheets><sheet name="Протокол" sheetId="1" r:id="rId1"/><sheet name="Служебный" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`],
    ["xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ["xl/worksheets/sheet1.xml", protocol],
    ["xl/worksheets/sheet2.xml", service],
    ["xl/sharedStrings.xml", shared],
  ]);
}

/** The text of each string of a workbook's shared table, by index. */
export function sharedStrings(parts) {
  return [...parts.get("xl/sharedStrings.xml").matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(""));
}

/** A row of a worksheet's XML as {reference: value}, shared strings resolved. */
export function rowValues(parts, sheet, row) {
  const strings = sharedStrings(parts);
  const xml = parts.get(sheet);
  const found = xml.match(new RegExp(`<row r="${row}"[^>]*>(.*?)</row>`, "s"));
  const out = {};
  for (const c of found ? found[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs) : []) {
    const value = (c[3] ?? "").match(/<v>(.*?)<\/v>/s)?.[1];
    if (value === undefined) continue;
    out[c[1]] = /t="s"/.test(c[2]) ? strings[Number(value)] : value;
  }
  return out;
}
