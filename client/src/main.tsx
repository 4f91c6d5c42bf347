import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles/base.css';
import './styles/frame.css';
import './styles/lists.css';
import './styles/forms.css';
import './styles/map-login.css';
import './styles/narrow.css';
import './styles/offline.css';
import './styles/ckl.css';
import './styles/icons-regions.css';
import './styles/warnings.css';
import './styles/cards.css';
import './phone.css';
import { App } from './App';
import { consoleStore } from './store/console';
import { startOfflineDocuments } from './files/offlineDocs';
import { startUploadQueue } from './files/uploadQueue';

createRoot(document.getElementById('root') as HTMLElement).render(<App />);

// The app shell, so a console reloaded while offline still starts (client/public/sw.js).
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => undefined);
startOfflineDocuments(consoleStore);
startUploadQueue();
