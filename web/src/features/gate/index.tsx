import { QrcodeOutlined, SafetyOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { GatePage } from './GatePage';
import { LedgerPage } from './LedgerPage';
import { VenueCodePrintPage } from './VenueCodePrintPage';
import { VenueCodesPage } from './VenueCodesPage';

export const gateFeature: FeatureModule = {
  name: 'gate',
  menu: [
    { key: 'gate', label: 'menu.gate', icon: <SafetyOutlined />, permission: 'gate.record', order: 12, to: '/gate' },
    { key: 'gate-ledger', label: 'menu.gateLedger', icon: <UnorderedListOutlined />, permission: 'gate.read', order: 60, to: '/gate/ledger' },
    { key: 'venue-codes', label: 'menu.venueCodes', icon: <QrcodeOutlined />, permission: 'venue_code.manage', order: 61, to: '/venue-codes' },
  ],
  routes: [
    { path: '/gate', element: <GatePage />, permission: 'gate.record' },
    { path: '/gate/ledger', element: <LedgerPage />, permission: 'gate.read' },
    { path: '/venue-codes', element: <VenueCodesPage />, permission: 'venue_code.read' },
    { path: '/venue-codes/:id/print', element: <VenueCodePrintPage />, permission: 'venue_code.read' },
  ],
};
