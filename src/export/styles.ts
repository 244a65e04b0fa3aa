import type { Alignment, Fill, Font } from "exceljs";
import type { CellStyle } from "../plans/types";

/** "#1F4E79" -> "FF1F4E79" (exceljs colours are ARGB). */
export function argb(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`"${hex}" is not a #RRGGBB colour.`);
  return `FF${m[1]!.toUpperCase()}`;
}

export function fontOf(style: CellStyle): Partial<Font> | undefined {
  const font: Partial<Font> = {
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italic: true } : {}),
    ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
    ...(style.fontSize ? { size: style.fontSize } : {}),
  };
  return Object.keys(font).length > 0 ? font : undefined;
}

export function fillOf(style: CellStyle): Fill | undefined {
  return style.fill ? { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } } : undefined;
}

export function alignmentOf(style: CellStyle): Partial<Alignment> | undefined {
  if (!style.wrap && !style.horizontal) return undefined;
  return {
    ...(style.wrap ? { wrapText: true, vertical: "top" as const } : {}),
    ...(style.horizontal ? { horizontal: style.horizontal } : {}),
  };
}
