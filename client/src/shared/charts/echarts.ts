/**
 * The only place ECharts is imported. Only chart components import this module, and they
 * are loaded on demand, so the login page and 工作台 never download ECharts.
 */
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart, CustomChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';

use([CanvasRenderer, BarChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, MarkLineComponent, GeoComponent]);

export { registerMap } from 'echarts/core';
export { default as VChart } from 'vue-echarts';
