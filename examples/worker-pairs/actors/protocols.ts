/** The messages each side of the example's two actor pairs accepts. */

export interface CalculatorProtocol {
  child: {
    Add(data: { a: number; b: number }): number;
    Factorial(data: bigint): bigint;
    Divide(data: { a: number; b: number }): number;
    Sleep(data: number): string;
  };
}

export interface ClockProtocol {
  child: {
    Start(data: { every: number; times: number }): void;
  };
  parent: {
    Tick(data: { n: number; at: Date }): void;
  };
}
