/** Today's date as the Read me sheet records it (yyyy-mm-dd, UTC). */
export const today = (): string => new Date().toISOString().slice(0, 10);
