// ISO 4217 data: datasets/currency-codes (ODC-PDDL-1.0), generated from tests/fixtures/iso4217/codes-all.csv.

/** Active codes by minor unit; `null` is ISO's "N.A." (SDR, precious metals, test and no-currency codes). */
const ACTIVE: readonly (readonly [minorUnit: number | null, codes: string])[] = [
  [0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'],
  [
    2,
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
      'CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
      'GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL ' +
      'MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR ' +
      'PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP ' +
      'TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG',
  ],
  [3, 'BHD IQD JOD KWD LYD OMR TND'],
  [4, 'CLF UYW'],
  [null, 'XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX'],
];

/** Codes ISO 4217 has withdrawn and not reissued; known so a message can say "withdrawn" rather than "unknown". */
const WITHDRAWN =
  'ADP AFA ALK ANG AOK AON AOR ARA ARP ARY ATS AYM AZM BAD BEC BEF BEL BGJ BGK BGL BGN BOP BRB BRC ' +
  'BRE BRN BRR BUK BYB BYR CHC CSD CSJ CSK CUC CYP DDM DEM ECS ECV EEK ESA ESB ESP FIM FRF GEK GHC ' +
  'GHP GNE GNS GQE GRD GWE GWP HRD HRK IEP ILP ILR ISJ ITL LAJ LSM LTL LTT LUC LUF LUL LVL LVR MGF ' +
  'MLF MRO MTL MTP MVQ MXP MZE MZM NIC NLG PEH PEI PES PLZ PTE RHD ROK ROL RUR SDD SDP SIT SKK SLL ' +
  'SRG STD SUR TJR TMM TPE TRL UAK UGS UGW USS UYN UYP VEB VEF VNC XEU XFO XFU XRE YDD YUD YUM YUN ' +
  'ZAL ZMK ZRN ZRZ ZWC ZWD ZWL ZWN ZWR';

/** One ISO 4217 alphabetic code as Kith knows it. */
export interface CurrencyCode {
  readonly code: string;
  /** Digits after the point; null where ISO says "N.A.". */
  readonly minorUnit: number | null;
  /** True when ISO has withdrawn the code; such codes are refused for new values. */
  readonly withdrawn: boolean;
}

const byCode = new Map<string, CurrencyCode>();
for (const [minorUnit, codes] of ACTIVE) {
  for (const code of codes.split(' ')) byCode.set(code, { code, minorUnit, withdrawn: false });
}
for (const code of WITHDRAWN.split(' ')) byCode.set(code, { code, minorUnit: null, withdrawn: true });

/** Every active ISO 4217 code, alphabetically. */
export const ACTIVE_CURRENCY_CODES: readonly string[] = Object.freeze(
  [...byCode.values()].filter((c) => !c.withdrawn).map((c) => c.code).sort(),
);

/** Looks up an upper-case ISO 4217 code, active or withdrawn; undefined when ISO never issued it. */
export function findCurrencyCode(code: string): CurrencyCode | undefined {
  return byCode.get(code);
}

/** Why a code cannot be used for a new value, or undefined when it is an active code. */
export function currencyCodeProblem(code: string): string | undefined {
  const found = byCode.get(code);
  if (found && !found.withdrawn) return undefined;
  if (found) return `${code} has been withdrawn from ISO 4217; use the currency that replaced it`;
  return `"${code}" is not an ISO 4217 currency code; use three upper-case letters such as EUR, USD or JPY`;
}
