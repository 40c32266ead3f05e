import { NextResponse } from 'next/server';

// A pass-through proxy, as the app runs one on every request.
export function proxy() {
  return NextResponse.next();
}
