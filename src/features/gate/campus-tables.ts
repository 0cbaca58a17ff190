import type { HygieneTables } from '../hygiene/tables';
import type { NoticeTables } from '../notices/tables';
import type { OnlineTeachingTables } from '../online-teaching/tables';
import type { SupplyTables } from '../supplies/tables';
import type { VaccinationTables } from '../vaccination/tables';
import type { StaggerTables } from '../stagger/tables';
import type { VenueCodeTables } from '../venue-codes/tables';
import type { GateTables } from './tables';

/** Every campus-operations table (migrations 0400–0499), joined into `Database` with one line. */
export interface CampusTables extends VenueCodeTables, GateTables, HygieneTables, NoticeTables, StaggerTables, OnlineTeachingTables, SupplyTables, VaccinationTables {}
