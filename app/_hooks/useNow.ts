"use client";
import { useEffect, useState } from "react";

/** The current time in milliseconds, re-rendered every `intervalMs` while `isActive` (a running clock for elapsed times). */
export function useNow(isActive: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [isActive, intervalMs]);
  return now;
}
