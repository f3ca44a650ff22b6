/** Example prompts (landing chips, create page chips, empty library). */
export const EXAMPLE_PROMPTS = [
  'Dusty lo-fi hip hop, rainy night, mellow Rhodes piano and vinyl crackle',
  'Uplifting cinematic orchestra with soaring strings and big drums',
  'Driving techno at 128 BPM, hypnotic acid bassline, dark warehouse',
  'Warm acoustic folk with fingerpicked guitar, early morning sunlight',
  'Smooth late-night jazz trio, brushed drums and walking upright bass',
  'Euphoric house with piano stabs and a sunny summer groove',
] as const;
