import { describe, expect, it } from "vitest";
import { exceptions } from "@/analyzers/rules/exceptions";
import { parseSourceText } from "@/analyzers/source/parse";

describe("exceptions: the custom error hierarchy the guide asks for", () => {
  it("counts the project's error classes and the share of `throw new` that throws one of them", () => {
    const files = [
      parseSourceText("src/errors.ts", "export class AppError extends Error {}\nexport class PaymentError extends AppError {}\nclass Plain {}\n"),
      parseSourceText(
        "src/pay.ts",
        'import { PaymentError } from "./errors";\nexport function pay(n: number) {\n  if (n < 0) throw new PaymentError("negative");\n  if (n === 0) throw new Error("zero");\n  if (n > 9) throw new TypeError("big");\n  throw new PaymentError("always");\n}\n',
      ),
    ];
    const output = exceptions.run({ root: "/", files, options: exceptions.meta.options.parse({}) });
    expect(output.metrics).toMatchObject({ customErrorClasses: 2, throwsOfNewErrors: 4, customErrorThrowPercent: 50 });
    expect(output.findings).toEqual([]);
  });
});
