import './base.css';
import './renderer.css';
