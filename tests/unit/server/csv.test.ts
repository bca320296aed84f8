import { describe, expect, it } from "vitest";
import { csvField, csvRecord, csvResponse, toCsv } from "@/app/_server/csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["carriage\rreturn", '"carriage\rreturn"'],
    ["", ""],
  ])("quotes %j as RFC 4180 asks", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ["=HYPERLINK(\"http://evil.example\",\"click\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "\"'\r=1+1\""],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])("makes the formula %j plain text with a leading quote", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("leaves text that only contains formula characters later alone", () => {
    expect(csvField("a=b+c-d@e")).toBe("a=b+c-d@e");
  });

  it("writes numbers as numbers (a negative number is no formula), booleans, dates and objects", () => {
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField(12n)).toBe("12");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(new Date("2026-11-27T10:00:00Z"))).toBe("2026-11-27T10:00:00.000Z");
    expect(csvField({ role: { from: "member", to: "lead" } })).toBe('"{""role"":{""from"":""member"",""to"":""lead""}}"');
  });

  it("neutralises a formula inside JSON only where a spreadsheet would see it: at the start of the cell", () => {
    expect(csvField(["=1+1"])).toBe('"[""=1+1""]"');
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF-terminated record per row", () => {
    const rows = [
      { id: 1, message: "fine" },
      { id: 2, message: "=1+1, oops" },
    ];
    const csv = toCsv([{ header: "id", value: (row: (typeof rows)[number]) => row.id }, { header: "message", value: (row) => row.message }], rows);
    expect(csv).toBe("id,message\r\n1,fine\r\n2,\"'=1+1, oops\"\r\n");
  });

  it("has only the header for no rows", () => {
    expect(toCsv([{ header: "a", value: () => 1 }], [])).toBe("a\r\n");
    expect(csvRecord([])).toBe("\r\n");
  });
});

describe("csvResponse", () => {
  it("is a text/csv download with a safe file name", async () => {
    const response = csvResponse("a\r\n", 'audit "log"/../x.csv', { "x-next-before": "7" });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="audit__log__.._x.csv"');
    expect(response.headers.get("x-next-before")).toBe("7");
    expect(await response.text()).toBe("a\r\n");
  });
});
