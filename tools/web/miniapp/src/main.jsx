import 'zmp-ui/zaui.css';
import './style.css';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { LasoApp } from './app.jsx';

createRoot(document.getElementById('app')).render(<LasoApp />);
