// The one function of d3-format (vega's number formatter, installed with it) the chart tests use to
// read an axis format as the browser will: it ships without type declarations.
declare module "d3-format" {
  export function format(specifier: string): (n: number) => string;
}
