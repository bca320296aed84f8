import { describe, expect, it } from "vitest";
import { tableCsv } from "@/app/_components/CsvButton";

describe("tableCsv (the browser's CSV of a table on screen)", () => {
  it("writes the header and rows with the server's rules: CRLF, quoting, empty for missing, numbers as numbers", () => {
    expect(tableCsv({ header: ["team", "score", "change"], rows: [["Payments, EU", 81.5, null], ['Say "hi"', 0, undefined]] })).toBe(
      'team,score,change\r\n"Payments, EU",81.5,\r\n"Say ""hi""",0,\r\n',
    );
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(tableCsv({ header: ["name"], rows: [["=HYPERLINK(\"http://evil.example\")"], ["-1+2"], ["@SUM(A1)"]] })).toBe(
      'name\r\n"\'=HYPERLINK(""http://evil.example"")"\r\n\'-1+2\r\n\'@SUM(A1)\r\n',
    );
  });
});
