// Credits counted in words, everywhere the web app counts them: "1 credit", "0 credits", "398 credits".

/** "1 credit", "2 credits" (and "-1 credits" never: a negative count is said by its caller). */
export const creditCount = (n: number): string => `${n} ${Math.abs(n) === 1 ? 'credit' : 'credits'}`;
