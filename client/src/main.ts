import './style.css';
import { initI18n } from './i18n.ts';
import { App } from './ui/App.ts';

initI18n(new URLSearchParams(location.search).get('lang'));
const root = document.getElementById('app');
if (root) new App(root);
