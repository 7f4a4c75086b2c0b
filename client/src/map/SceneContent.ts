import type { CapitalLabel, CountryLabel } from './MapLabels.ts';
import type { CountryStyle, MapLink } from './mapModes.ts';
import type { MarketPulse } from './ResolutionPulse.ts';

/** What the scene draws: prepared by WorldMap from the scenario, the view and the mode. */
export interface SceneContent {
  styles: Map<string, CountryStyle>;
  links: MapLink[];
  /** Nation id → member numerics (link endpoints). */
  nationMembers: Map<string, string[]>;
  /** numeric → iso2 of the scenario's markets (only these are hoverable). */
  markets: Map<string, string>;
  /** Markets' names, shown once the zoom leaves room. */
  countryLabels: CountryLabel[];
  /** The playing nations at their capitals. */
  capitals: CapitalLabel[];
  /** A resolution to play (markets that changed leader); `pulseId` changes once per resolution. */
  pulses: MarketPulse[];
  pulseId: string;
}

export interface SceneCallbacks {
  onHover(numeric: string | null, screenX: number, screenY: number): void;
  onClick(numeric: string): void;
}
