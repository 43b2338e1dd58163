import { safeExtension } from './safe-extension';

describe('safeExtension', () => {
  it.each([
    ['photo.PNG', 'png'],
    ['archive.tar.gz', 'gz'],
    ['report.pdf', 'pdf'],
    ['../../etc/passwd', 'bin'],
    ['..\\..\\windows\\win.ini', 'ini'],
    ['dir.v2/readme', 'bin'],
    ['file.abcdefghi', 'bin'],
    ['file.abcdefgh', 'abcdefgh'],
    ['noextension', 'bin'],
    ['.bashrc', 'bin'],
    ['trailing.', 'bin'],
    ['shell.php%00.png', 'png'],
    ['space.pn g', 'bin'],
    ['unicode.pnġ', 'bin'],
    ['x.png\u0000.exe', 'exe'],
    ['', 'bin'],
  ])('SEN-HRD-01 %p → %p', (name, extension) => {
    expect(safeExtension(name)).toBe(extension);
  });
});
