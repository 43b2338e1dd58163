import { documentFileName } from './document-file-name';

describe('documentFileName', () => {
  it.each([
    ['invoice.pdf', 'invoice.pdf'],
    ['Photo.PNG', 'Photo.png'],
    ['../../x.pdf', 'x.pdf'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['report.abcdefghi', 'report.bin'],
    ['README', 'README.bin'],
    ['.bashrc', 'bashrc.bin'],
    ['..', 'document.bin'],
    ['', 'document.bin'],
    ['<img src=x onerror=alert(1)>.txt', '_img src_x onerror_alert(1)_.txt'],
    ['<script>alert(1)</script>.txt', 'script_.txt'],
    ['a\u0000b.png', 'a_b.png'],
    ['rapport été.docx', 'rapport _t_.docx'],
  ])('%p is shown as %p', (original, shown) => {
    expect(documentFileName(original)).toBe(shown);
  });

  it('caps the stem', () => {
    expect(documentFileName(`${'a'.repeat(500)}.pdf`)).toBe(`${'a'.repeat(100)}.pdf`);
  });
});
