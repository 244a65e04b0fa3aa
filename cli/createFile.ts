import { constants, copyFileSync, promises as fsp, linkSync, renameSync, unlinkSync } from "fs";
import { basename, dirname, join } from "path";
import { randomBytes } from "crypto";
import { echo } from "../src";
import { InputError } from "./io";

/**
 * Writes a whole file into place or not at all, and never replaces a file
 * unless told to. The bytes go to a hidden temporary file beside the target;
 * then link() puts it in place, which fails if the target exists (no window
 * between a check and a rename: of four runs at once, one wins), or, with
 * `replace`, rename() swaps it in. The temporary file is removed on every
 * way out, SIGINT and SIGTERM included. Messages name the target only.
 */
export async function createFile(target: string, bytes: Uint8Array, replace: boolean, shown: string): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const removeTemp = (): void => {
    try { unlinkSync(temp); } catch { /* already gone, or never made */ }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    removeTemp();
    process.stderr.write(`token-model: interrupted; ${shown} was not written.\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    const file = await fsp.open(temp, "wx");
    try {
      for (let at = 0; at < bytes.byteLength; at += CHUNK) {
        await file.write(bytes, at, Math.min(CHUNK, bytes.byteLength - at));
        if (SLOW_WRITE_MS > 0) await new Promise((done) => setTimeout(done, SLOW_WRITE_MS));
      }
      await file.sync();
    } finally {
      await file.close();
    }
    if (replace) renameSync(temp, target);
    else {
      linkInPlace(temp, target);
      removeTemp();
    }
  } catch (e) {
    removeTemp();
    throw new InputError(`Cannot write ${shown}: ${reason(e)}`);
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** link(), or where the file system has no hard links, an exclusive copy: either way an existing target is never replaced. */
function linkInPlace(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EMLINK" && code !== "ENOSYS") throw e;
    copyFileSync(temp, target, constants.COPYFILE_EXCL);
  }
}

const CHUNK = 64 * 1024;
/**
 * A test seam: TOKEN_MODEL_SLOW_WRITE=ms pauses between 64 KB chunks, so a
 * test can send SIGINT while the file is being written. Unset, no pause.
 */
const SLOW_WRITE_MS = Math.max(0, Number(process.env.TOKEN_MODEL_SLOW_WRITE) || 0);

/** What went wrong, in words, without the temporary file's name that Node's messages carry. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "EEXIST": return "it already exists; use --force to replace it.";
    case "ENOENT": return "its folder does not exist.";
    case "ENOTDIR": return "part of its path is not a folder.";
    case "EACCES": case "EPERM": return "permission denied.";
    case "EROFS": return "the file system is read-only.";
    case "ENOSPC": return "no space is left on the device.";
    case "EDQUOT": return "the disk quota is used up.";
    case "ENAMETOOLONG": return "the name is too long.";
    case "EISDIR": return "it is a folder.";
    default: return code ? `the system refused (${code}).` : echo(String((e as Error).message ?? e));
  }
}
