// Word lists for normalize.ts. Every replacement must already be in final form (folded, lower-case,
// not itself a key), which is what keeps normalize idempotent; normalize.test.ts checks it.

type Words = ReadonlyMap<string, readonly string[]>;

function words(entries: Record<string, string>): Words {
  return new Map(Object.entries(entries).map(([k, v]) => [k, v === '' ? [] : v.split(' ')]));
}

/**
 * Nghệ Tĩnh dialect and particles keyed by their spelling WITH diacritics: the folded spelling is an
 * ordinary word (mô/mở → mo, nỏ/nó → no, răng/rằng → rang), so only the accented form is safe to map.
 */
export const DIACRITIC_WORDS: Words = words({
  mô: 'dau',
  rứa: 'vay',
  răng: 'sao',
  nỏ: 'khong',
  chừ: 'gio',
  dừ: 'gio',
  mần: 'lam',
  cấy: 'cai',
  tê: 'kia',
  nớ: 'do',
  ngái: 'xa',
  chộ: 'thay',
  mạ: 'me',
  bọ: 'bo',
  hông: 'khong',
  đòi: 'yeu cau',
  đợi: 'cho',
  ạ: '',
  à: '',
  ạh: '',
});

/** Teencode, abbreviations and common misspellings, keyed by folded spelling. */
export const FOLDED_WORDS: Words = words({
  dk: 'dang ky',
  dki: 'dang ky',
  dky: 'dang ky',
  thg: 'thuong',
  dag: 'dang',
  ki: 'ky',
  cccd: 'can cuoc cong dan',
  ccc: 'can cuoc',
  cc: 'can cuoc',
  cmnd: 'chung minh nhan dan',
  cmt: 'chung minh thu',
  ko: 'khong',
  k: 'khong',
  kh: 'khong',
  khg: 'khong',
  kg: 'khong',
  hok: 'khong',
  hem: 'khong',
  j: 'gi',
  chi: 'gi',
  z: 'vay',
  v: 'vay',
  dz: 'vay',
  zay: 'vay',
  dzay: 'vay',
  rua: 'vay',
  dc: 'duoc',
  bn: 'bao nhieu',
  bnh: 'bao nhieu',
  bnhiu: 'bao nhieu',
  nhiu: 'nhieu',
  ntn: 'nhu the nao',
  onl: 'online',
  onlai: 'online',
  vs: 'voi',
  lm: 'lam',
  r: 'roi',
  ui: 'roi',
  oy: 'roi',
  e: 'em',
  a: 'anh',
  ad: 'admin',
  mn: 'moi nguoi',
  ng: 'nguoi',
  ngta: 'nguoi ta',
  h: 'gio',
  bh: 'bay gio',
  bj: 'bay gio',
  bjo: 'bay gio',
  trc: 'truoc',
  dt: 'dien thoai',
  sdt: 'so dien thoai',
  mk: 'mat khau',
  tk: 'tai khoan',
  ni: 'nay',
  eng: 'anh',
  wa: 'qua',
  ak: '',
  ah: '',
  bik: 'biet',
  bit: 'biet',
  ik: 'di',
  mik: 'minh',
  lun: 'luon',
  kon: 'con',
  cx: 'cung',
  cg: 'cung',
  hs: 'ho so',
  tp: 'thanh pho',
  xm: 'xe may',
  dvc: 'dich vu cong',
  dvcqg: 'dich vu cong quoc gia',
  bhyt: 'bao hiem y te',
  nvqs: 'nghia vu quan su',
  xkld: 'xuat khau lao dong',
  tncn: 'thu nhap ca nhan',
  gks: 'giay khai sinh',
  ubnd: 'uy ban nhan dan',
  csgt: 'canh sat giao thong',
  ckv: 'cong an khu vuc',
  cakv: 'cong an khu vuc',
  shk: 'so ho khau',
  hk: 'khong',
  tt: 'thu tuc',
  hnay: 'hom nay',
  hqua: 'hom qua',
  sv: 'sinh vien',
  hc: 'ho chieu',
  ok: 'ok',
  oke: 'ok',
  okie: 'ok',
  okk: 'ok',
  uk: 'ok',
  uh: 'ok',
  um: 'ok',
  ukm: 'ok',
  tks: 'cam on',
  thanks: 'cam on',
  thank: 'cam on',
  thanhks: 'cam on',
  camon: 'cam on',
  cmon: 'cam on',
  camsa: 'cam on',
  gplx: 'giay phep lai xe',
});

/** Words read differently after a number: "20k", "10h", "14t". */
export const AFTER_NUMBER: Words = words({
  k: 'nghin',
  tr: 'trieu',
  h: 'gio',
  t: 'tuoi',
  p: 'phut',
  ty: 'ty',
});

function contextual(entries: Record<string, Record<string, string>>): ReadonlyMap<string, Words> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, words(v)]));
}

/** Token → (previous output token → replacement). */
export const CONTEXT_PREV: ReadonlyMap<string, Words> = contextual({
  // "ở mô", "lên mô", "ra mô" = ở đâu (the accented "mô" is handled by DIACRITIC_WORDS).
  mo: { o: 'dau', len: 'dau', ra: 'dau', di: 'dau', vo: 'dau', ve: 'dau', den: 'dau', cho: 'dau', toi: 'dau' },
  chi: { dia: 'chi', gia: 'chi', huong: 'chi', anh: 'chi', em: 'chi', ba: 'chi', cac: 'chi' },
  rang: { lam: 'sao', the: 'sao', vi: 'sao', la: 'sao' },
  chu: { tam: 'tru', thuong: 'tru' },
  hang: { gia: 'han' },
  hk: { so: 'ho khau', nhap: 'ho khau', tach: 'ho khau', cat: 'ho khau', xoa: 'ho khau' },
  tk: { mau: 'to khai' },
  tt: { ky: 'tt', xoa: 'tt', han: 'tt', cat: 'tt' },
});

/** Token → (next folded token → replacement). */
export const CONTEXT_NEXT: ReadonlyMap<string, Words> = contextual({
  cang: { cuoc: 'can' },
  ca: { phuong: 'cong an', xa: 'cong an', huyen: 'cong an', tinh: 'cong an', khu: 'cong an' },
  man: { rang: 'lam' },
  chi: { tiet: 'chi', phi: 'chi', nhanh: 'chi', tra: 'chi', tieu: 'chi', bo: 'chi', doan: 'chi', so: 'chi' },
});
