import { cacheCorrectness } from './support/cache-cases.js';

cacheCorrectness('in memory');
