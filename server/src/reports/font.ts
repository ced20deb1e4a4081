import { existsSync } from 'node:fs';

/**
 * A font file that can write Chinese, and for a collection (.ttc) the PostScript names of
 * the faces to try in it. The PDF embeds only the glyphs it uses, so a large system font is fine.
 */
export interface FontFile {
  path: string;
  faces: string[];
}

// PDFs need a font with Chinese glyphs. Rather than ship a 15+ MB font, the server uses
// the one every desktop system already has: Microsoft YaHei / SimHei / SimSun on Windows,
// PingFang's predecessors STHeiti and Hiragino Sans GB on macOS, Noto Sans CJK or
// WenQuanYi on Linux (Debian/Ubuntu `fonts-noto-cjk`, Fedora `google-noto-sans-cjk-fonts`).
const SYSTEM_FONTS: readonly FontFile[] = [
  { path: 'C:\\Windows\\Fonts\\msyh.ttc', faces: ['MicrosoftYaHei', 'MicrosoftYaHeiUI'] },
  { path: 'C:\\Windows\\Fonts\\simhei.ttf', faces: [] },
  { path: 'C:\\Windows\\Fonts\\simsun.ttc', faces: ['SimSun', 'NSimSun'] },
  { path: '/System/Library/Fonts/STHeiti Light.ttc', faces: ['STHeitiSC-Light', 'STHeitiTC-Light'] },
  { path: '/System/Library/Fonts/Hiragino Sans GB.ttc', faces: ['HiraginoSansGB-W3'] },
  { path: '/Library/Fonts/Arial Unicode.ttf', faces: [] },
  ...['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/opentype/noto-cjk'].map(
    (dir) => ({ path: `${dir}/NotoSansCJK-Regular.ttc`, faces: ['NotoSansCJKsc-Regular', 'NotoSansCJKSC-Regular'] }),
  ),
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', faces: ['WenQuanYiMicroHei'] },
  { path: '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc', faces: ['WenQuanYiMicroHei'] },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', faces: ['WenQuanYiZenHei'] },
];

/**
 * The fonts to try, in order: KADESK_REPORT_FONT (`path`, or `path#PostScriptName` for a
 * face in a collection) first, then the system fonts that exist on this machine.
 */
export function reportFontCandidates(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): FontFile[] {
  const configured = env.KADESK_REPORT_FONT?.trim();
  const own: FontFile[] = [];
  if (configured) {
    const [path, face] = configured.split('#') as [string, string | undefined];
    own.push({ path, faces: face ? [face] : [] });
  }
  return [...own, ...SYSTEM_FONTS.filter((f) => exists(f.path))];
}
