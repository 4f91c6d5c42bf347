import { createRoot } from 'react-dom/client';
import 'leaflet/dist/leaflet.css';
import './styles.css';
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
