// Half of the style vocabulary rendered and heard by independent tools (see testing/style-suite.ts;
// the two halves run in parallel).
import { defineStyleSuite, styleHalf } from './testing/style-suite.ts';

defineStyleSuite(styleHalf(0));
