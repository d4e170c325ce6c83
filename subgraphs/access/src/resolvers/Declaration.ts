import { unit } from '../codes.js';
import type { DeclarationResolvers } from '../generated/graphql.js';

export const Declaration: DeclarationResolvers = {
  unit: (d) => unit(d.unit),
  amountEuros: (d) => Number(d.amountEuros),
};
