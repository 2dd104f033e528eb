// actors/GreeterProtocol.ts: what each side accepts (optional; it types both sides)
export interface GreeterProtocol {
  parent: { Ready(): void; Clicked(data: { title: string }): void };
  child: { Hello(data: string): string };
}
